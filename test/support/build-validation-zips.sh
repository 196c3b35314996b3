#!/bin/sh
# Rebuilds the ZIP inputs of the validation golden cases from the files in each case's src/ folder.
# Run from the repository root: sh test/support/build-validation-zips.sh (needs zip and python3).
set -eu
cd test/fixtures/validation

rm -f valid-zip/MSD.zip
(cd valid-zip/src && zip -q -X ../MSD.zip WMO_0363_2017H2.csv WMOKOSTEN_0363_2017H2.csv SBW_0363_2017H2.csv JEUGD_0363_2017H2.csv)

# A folder marker and macOS junk next to one data file: skipped with zip.ignored_entry.
rm -rf zip-ignored-entry/work zip-ignored-entry/MSD.zip
mkdir -p zip-ignored-entry/work/data zip-ignored-entry/work/__MACOSX/data
cp zip-ignored-entry/src/WMO_0363_2017H2.csv zip-ignored-entry/work/data/
printf 'resource fork\n' > zip-ignored-entry/work/__MACOSX/data/._WMO_0363_2017H2.csv
(cd zip-ignored-entry/work && zip -q -X -r ../MSD.zip data __MACOSX)
rm -rf zip-ignored-entry/work

# An entry that climbs out of the archive: the whole archive is refused with zip.unsafe.
python3 - <<'PY'
import zipfile
with zipfile.ZipFile('zip-unsafe/MSD.zip', 'w', zipfile.ZIP_DEFLATED) as z:
    z.write('zip-unsafe/src/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv')
    z.writestr('../../etc/WMO_0363_2017H1.csv', 'aanmaakdatum\n')
PY

# A local header followed by garbage, and a valid archive cut short: both zip.invalid.
printf 'PK\003\004this is not really a zip archive, only its first four bytes are' > zip-invalid/MSD.zip
head -c 300 valid-zip/MSD.zip > zip-invalid/truncated.zip
