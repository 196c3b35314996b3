// A finding of the technical report made from its code and parameters (the report's extension
// `variant` and `params`, src/modules/validation/finding-details.ts), so English readers get the same
// detail as the Dutch message: the allowed codes, the values and dates concerned. {column} is the
// finding's column; dates are written for the language. finding-details.test.ts checks that every
// template of the engine is here and uses all its parameters. Reports made before the extension have
// no parameters: they show finding.<code> (findings.ts) instead.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'finding.detail.file.empty':
      'Het bestand is leeg. Lever een bestand met een kopregel en ten minste één record.',
    'finding.detail.file.empty.header_only':
      'Het bestand bevat alleen een kopregel en geen records. Lever een bestand met ten minste één record.',
    'finding.detail.file.encoding':
      'Het bestand is geen geldige UTF-8 (eerste afwijking op regel {firstLine}) en is gelezen als Windows-1252. Sla het bestand op als UTF-8.',
    'finding.detail.file.type_unknown':
      'Uit de naam en de kopregel valt niet op te maken welk soort bestand dit is. Gebruik de naamgeving <TYPE>_<GGGG>_<JJJJ>H<n>.csv en een kopregel met de kolommen van {types}.',
    'finding.detail.file.name_pattern':
      'De bestandsnaam "{name}" volgt de naamgeving niet. Verwacht <TYPE>_<GGGG>_<JJJJ>H<n>.csv met TYPE één van {types}, bijvoorbeeld WMO_0363_2017H2.csv.',
    'finding.detail.file.name_content_mismatch.type':
      'De bestandsnaam zegt dat dit een {nameType}-bestand is, maar de kolommen zijn die van een {contentType}-bestand. Geef het bestand de juiste naam of lever het juiste bestand.',
    'finding.detail.file.name_content_mismatch.gemeente':
      'De bestandsnaam noemt gemeente {named}, maar de records hebben gemeentecode {found}. Zorg dat naam en inhoud dezelfde gemeente noemen.',
    'finding.detail.file.name_content_mismatch.period':
      'De bestandsnaam noemt periode {named}, maar de records hebben periode {found}. Zorg dat naam en inhoud dezelfde periode noemen.',
    'finding.detail.file.delimiter':
      'Het bestand gebruikt {delimiter} als scheidingsteken tussen de velden, niet de puntkomma (;). Sla het bestand op met puntkomma’s tussen de velden en lever het opnieuw; de records zijn niet gecontroleerd.',
    'finding.detail.header.missing_column':
      'De verplichte kolom "{column}" ontbreekt in de kopregel. Neem deze kolom op (kolommen gescheiden door puntkomma’s).',
    'finding.detail.header.unknown_column':
      'De kolom "{column}" hoort niet bij een {type}-bestand en wordt genegeerd. Verwachte kolommen: {expected}.',
    'finding.detail.header.unknown_column.duplicate':
      'De kolom "{column}" staat twee keer in de kopregel; de tweede wordt genegeerd. Neem elke kolom één keer op.',
    'finding.detail.row.column_count':
      'Deze regel heeft {count} velden, maar de kopregel heeft {expected} kolommen. Zorg dat elk record evenveel velden heeft als de kopregel (gescheiden door puntkomma’s).',
    'finding.detail.row.column_count.too_long':
      'Deze regel is langer dan {maxKib} KiB en is niet gelezen. Een record hoort op één regel met {expected} velden gescheiden door puntkomma’s.',
    'finding.detail.row.column_count.quote':
      'Op deze regel wordt een aanhalingsteken niet afgesloten. Sluit elk aanhalingsteken af, en schrijf een aanhalingsteken binnen een veld als "".',
    'finding.detail.row.column_count.header_too_long':
      'De kopregel is langer dan {maxKib} KiB en kan niet gelezen worden. Zet op regel 1 alleen de kolomnamen, gescheiden door puntkomma’s.',
    'finding.detail.row.column_count.header_quote':
      'De kopregel bevat een aanhalingsteken dat niet wordt afgesloten. Sluit elk aanhalingsteken af.',
    'finding.detail.field.required': 'Het verplichte veld "{column}" is leeg. Vul een waarde in.',
    'finding.detail.field.required.date':
      'Het verplichte veld "{column}" is leeg. Vul een datum in de vorm JJJJMMDD in.',
    'finding.detail.field.required.digits':
      'Het verplichte veld "{column}" is leeg. Vul {length} cijfers in.',
    'finding.detail.field.required.max_digits':
      'Het verplichte veld "{column}" is leeg. Vul hoogstens {maxLength} cijfers in.',
    'finding.detail.field.required.bsn':
      'Het verplichte veld "{column}" is leeg. Vul een BSN van 9 cijfers in.',
    'finding.detail.field.required.code':
      'Het verplichte veld "{column}" is leeg. Vul een code uit de lijst ({allowed}) in.',
    'finding.detail.field.required.text':
      'Het verplichte veld "{column}" is leeg. Vul een waarde van hoogstens {maxLength} tekens in.',
    'finding.detail.field.required.amount':
      'Het verplichte veld "{column}" is leeg. Vul een bedrag in euro’s met decimaalteken "{separator}" in.',
    'finding.detail.field.required.period':
      'Het verplichte veld "{column}" is leeg. Vul de periode als JJJJH1 of JJJJH2 in.',
    'finding.detail.field.required.requires':
      '"{filled}" is ingevuld, maar "{column}" is leeg. Vul "{column}" in of laat "{filled}" leeg.',
    'finding.detail.field.required.one_of': 'Vul ten minste één van {columns} in.',
    'finding.detail.field.required.end_without_reason':
      '"{endColumn}" ({endDate}) ligt in de periode {period}, maar "{column}" is leeg. Vul "{column}" in bij een ondersteuning die in het halfjaar eindigde.',
    'finding.detail.field.format.digits': '"{column}" moet uit precies {length} cijfers bestaan.',
    'finding.detail.field.format.gemeente':
      '"{column}" moet uit precies {length} cijfers bestaan met voorloopnullen, bijvoorbeeld 0363.',
    'finding.detail.field.format.max_digits': '"{column}" moet uit hoogstens {maxLength} cijfers bestaan.',
    'finding.detail.field.format.bsn':
      'Het BSN moet uit precies 9 cijfers bestaan; vul een BSN van 8 cijfers aan met een voorloopnul.',
    'finding.detail.field.format.text_length':
      '"{column}" is te lang: hoogstens {maxLength} tekens zijn toegestaan.',
    'finding.detail.field.format.non_numeric':
      '"{column}" is niet numeriek; verwacht wordt een code van alleen cijfers. Controleer de waarde.',
    'finding.detail.field.format.period':
      '"{column}" moet de vorm JJJJH1 of JJJJH2 hebben, bijvoorbeeld 2017H2.',
    'finding.detail.field.date_invalid.format':
      '"{column}" is geen datum in de vorm JJJJMMDD. Vul 8 cijfers in, bijvoorbeeld 20170701.',
    'finding.detail.field.date_invalid.not_a_date':
      '"{column}" is geen bestaande kalenderdatum. Vul een echte datum in de vorm JJJJMMDD in.',
    'finding.detail.field.date_invalid.before_min':
      '"{column}" ligt vóór {minDate}; dat kan niet kloppen. Vul de juiste datum in de vorm JJJJMMDD in.',
    'finding.detail.field.date_format':
      '"{column}" staat in de vorm JJJJ-MM-DD; de datum is zo gelezen. Gebruik de vorm JJJJMMDD, bijvoorbeeld 20170701.',
    'finding.detail.field.amount_invalid':
      '"{column}" is geen bedrag in euro’s. Vul een bedrag in met hoogstens {integerDigits} cijfers voor en {decimals} na de komma, zonder euroteken of scheidingsteken voor duizendtallen, bijvoorbeeld 1234,56.',
    'finding.detail.field.amount_invalid.point':
      '"{column}" gebruikt een punt als decimaalteken; het bedrag is zo gelezen. Gebruik een komma, bijvoorbeeld 1234,56.',
    'finding.detail.field.amount_invalid.negative':
      '"{column}" is negatief. Kosten horen 0 of meer te zijn; controleer het bedrag.',
    'finding.detail.field.code_unknown':
      'De waarde van "{column}" staat niet in de codelijst ({list}). Toegestaan: {allowed}.',
    'finding.detail.field.code_unknown.unconfirmed':
      'De code van "{column}" is voor deze periode niet bevestigd ({list}); het record wordt geaccepteerd. Controleer of een code uit {candidates} bedoeld is.',
    'finding.detail.field.bsn_elfproef':
      'Het BSN voldoet niet aan de elfproef. Controleer het burgerservicenummer.',
    'finding.detail.field.bsn_test':
      'Het BSN is een testnummer (uit de testreeks die met 9999 begint). Lever alleen echte burgerservicenummers aan, geen testgegevens.',
    'finding.detail.field.mixed':
      '"{column}" wijkt af van regel {firstLine}, waar het {first} is. Elk record van een bestand hoort dezelfde "{column}" te hebben; gebruik overal dezelfde waarde.',
    'finding.detail.gemeente.mismatch':
      'Gemeentecode {gemeente} is niet de aanleverende gemeente {delivering}. Lever alleen records van de eigen gemeente.',
    'finding.detail.gemeente.mismatch.name':
      'De bestandsnaam noemt gemeente {gemeente}, maar de aanleverende gemeente is {delivering}. Lever alleen bestanden van gemeente {delivering}.',
    'finding.detail.gemeente.unknown':
      'Gemeentecode {gemeente} bestaat niet in de gemeentelijke indeling van {date} (periode {period}). Gebruik de CBS-gemeentecode van 4 cijfers die op de laatste dag van de periode gold.',
    'finding.detail.gemeente.unknown.name':
      'Gemeentecode {gemeente} in de bestandsnaam bestaat niet in de gemeentelijke indeling van {date} (periode {period}). Gebruik de CBS-gemeentecode van 4 cijfers die op de laatste dag van de periode gold.',
    'finding.detail.gemeente.mixed':
      'Dit record heeft gemeentecode {gemeente}, eerdere records {first}. Een bestand bevat de records van één gemeente; lever per gemeente een eigen bestand.',
    'finding.detail.gemeente.predecessors':
      'Gemeente {gemeente} levert over {period} voor haar hele gebied van na de herindeling van {sinceDate}: dit bestand dekt ook {predecessors}.',
    'finding.detail.period.mismatch':
      'De periode {period} wijkt af van de aangeleverde periode {delivered}. Lever per halfjaar een eigen bestand.',
    'finding.detail.period.mismatch.name':
      'De bestandsnaam noemt periode {period}, maar aangeleverd wordt periode {delivered}. Lever een bestand voor {delivered} of kies de juiste periode.',
    'finding.detail.period.outside':
      'De ondersteuning ({startDate} tot {endDate}) valt niet in de periode {period} ({firstDate} tot en met {lastDate}). Lever alleen records waarvan de ondersteuning in het halfjaar liep.',
    'finding.detail.period.outside.open':
      'De ondersteuning ({startDate} tot heden) valt niet in de periode {period} ({firstDate} tot en met {lastDate}). Lever alleen records waarvan de ondersteuning in het halfjaar liep.',
    'finding.detail.date.order':
      '"{column}" ({endDate}) ligt vóór de startdatum ({startDate}). Een einddatum ligt op of na de startdatum.',
    'finding.detail.date.order.not_before':
      '"{column}" ({date}) ligt vóór "{other}" ({otherDate}). Controleer beide datums: meestal begint de ondersteuning niet vóór de beoogde start.',
    'finding.detail.date.before_period':
      '"{column}" ({date}) ligt vóór het begin van de periode {period} ({firstDate}). Een bestand over een halfjaar wordt op of na het begin ervan gemaakt; controleer de datum.',
    'finding.detail.date.future':
      '"{column}" ({date}) ligt na de aanmaakdatum ({limitDate}). Een werkelijke datum kan niet in de toekomst liggen; controleer de datum.',
    'finding.detail.date.future.today':
      '"{column}" ({date}) ligt na vandaag ({todayDate}). Een werkelijke datum kan niet in de toekomst liggen; controleer de datum.',
    'finding.detail.record.duplicate_line':
      'Deze regel is precies gelijk aan regel {firstLine}. Elk record mag maar één keer voorkomen; verwijder de dubbele regel.',
    'finding.detail.record.duplicate_key':
      'Deze regel heeft dezelfde sleutel ({key}) als regel {firstLine}. Elk record hoort een andere combinatie te hebben; voeg dubbele records samen of verwijder er één.',
    'finding.detail.record.amount_ratio':
      '"{column}" ({amount}) en "{other}" ({otherAmount}) verschillen meer dan een factor {factor}. Controleer of beide bedragen kloppen (hele euro’s of euro’s met centen, over hetzelfde halfjaar).',
    'finding.detail.upload.duplicate_type_period':
      '"{file}" en "{other}" zijn allebei een {type}-bestand voor {period}. Lever per soort en periode één bestand.',
    'finding.detail.upload.mixed_gemeenten':
      'De aanlevering bevat bestanden van meer dan één gemeente ({gemeenten}). Lever de bestanden van elke gemeente apart aan.',
    'finding.detail.upload.too_many_periods':
      'De aanlevering bevat bestanden voor {count} perioden ({periods}). Lever het lopende halfjaar en hoogstens het halfjaar ervoor.',
    'finding.detail.upload.code_without_records':
      '"{file}" noemt {field} {code}, maar {others} ({type}, {period}) heeft geen records met {otherField} {code}. Controleer de {field} in "{file}" of lever de ontbrekende records aan.',
  },
  en: {
    'finding.detail.file.empty':
      'The file is empty. Deliver a file with a header line and at least one record.',
    'finding.detail.file.empty.header_only':
      'The file has only a header line and no records. Deliver a file with at least one record.',
    'finding.detail.file.encoding':
      'The file is not valid UTF-8 (first deviation on line {firstLine}) and was read as Windows-1252. Save the file as UTF-8.',
    'finding.detail.file.type_unknown':
      'Neither the name nor the header line tells which kind of file this is. Use the naming <TYPE>_<GGGG>_<YYYY>H<n>.csv and a header line with the columns of {types}.',
    'finding.detail.file.name_pattern':
      'The file name "{name}" does not follow the naming convention. Expected <TYPE>_<GGGG>_<YYYY>H<n>.csv with TYPE one of {types}, for example WMO_0363_2017H2.csv.',
    'finding.detail.file.name_content_mismatch.type':
      'The file name says this is a {nameType} file, but the columns are those of a {contentType} file. Give the file the right name or deliver the right file.',
    'finding.detail.file.name_content_mismatch.gemeente':
      'The file name names municipality {named}, but the records have municipality code {found}. Make name and content name the same municipality.',
    'finding.detail.file.name_content_mismatch.period':
      'The file name names period {named}, but the records have period {found}. Make name and content name the same period.',
    'finding.detail.file.delimiter':
      'The file uses {delimiter} as the separator between fields, not the semicolon (;) the specification requires. Save the file with semicolons between the fields and deliver it again; the records were not checked.',
    'finding.detail.header.missing_column':
      'The mandatory column "{column}" is missing from the header line. Include this column (columns separated by semicolons).',
    'finding.detail.header.unknown_column':
      'The column "{column}" does not belong in a {type} file and is ignored. Expected columns: {expected}.',
    'finding.detail.header.unknown_column.duplicate':
      'The column "{column}" is in the header line twice; the second is ignored. Include each column once.',
    'finding.detail.row.column_count':
      'This line has {count} fields, but the header line has {expected} columns. Make every record have as many fields as the header line (separated by semicolons).',
    'finding.detail.row.column_count.too_long':
      'This line is longer than {maxKib} KiB and was not read. A record belongs on one line with {expected} fields separated by semicolons.',
    'finding.detail.row.column_count.quote':
      'A quotation mark on this line is not closed. Close every quotation mark, and write a quotation mark inside a field as "".',
    'finding.detail.row.column_count.header_too_long':
      'The header line is longer than {maxKib} KiB and cannot be read. Put only the column names on line 1, separated by semicolons.',
    'finding.detail.row.column_count.header_quote':
      'The header line contains a quotation mark that is not closed. Close every quotation mark.',
    'finding.detail.field.required': 'The mandatory field "{column}" is empty. Fill in a value.',
    'finding.detail.field.required.date':
      'The mandatory field "{column}" is empty. Fill in a date in the form YYYYMMDD.',
    'finding.detail.field.required.digits':
      'The mandatory field "{column}" is empty. Fill in {length} digits.',
    'finding.detail.field.required.max_digits':
      'The mandatory field "{column}" is empty. Fill in at most {maxLength} digits.',
    'finding.detail.field.required.bsn': 'The mandatory field "{column}" is empty. Fill in a 9-digit BSN.',
    'finding.detail.field.required.code':
      'The mandatory field "{column}" is empty. Fill in a code from the list ({allowed}).',
    'finding.detail.field.required.text':
      'The mandatory field "{column}" is empty. Fill in a value of at most {maxLength} characters.',
    'finding.detail.field.required.amount':
      'The mandatory field "{column}" is empty. Fill in an amount in euros with decimal separator "{separator}".',
    'finding.detail.field.required.period':
      'The mandatory field "{column}" is empty. Fill in the period as YYYYH1 or YYYYH2.',
    'finding.detail.field.required.requires':
      '"{filled}" is filled in, but "{column}" is empty. Fill in "{column}" or leave "{filled}" empty.',
    'finding.detail.field.required.one_of': 'Fill in at least one of {columns}.',
    'finding.detail.field.required.end_without_reason':
      '"{endColumn}" ({endDate}) lies in the period {period}, but "{column}" is empty. Fill in "{column}" for support that ended in the half year.',
    'finding.detail.field.format.digits': '"{column}" must consist of exactly {length} digits.',
    'finding.detail.field.format.gemeente':
      '"{column}" must consist of exactly {length} digits with leading zeros, for example 0363.',
    'finding.detail.field.format.max_digits': '"{column}" must consist of at most {maxLength} digits.',
    'finding.detail.field.format.bsn':
      'The BSN must consist of exactly 9 digits; complete an 8-digit BSN with a leading zero.',
    'finding.detail.field.format.text_length':
      '"{column}" is too long: at most {maxLength} characters are allowed.',
    'finding.detail.field.format.non_numeric':
      '"{column}" is not numeric; a code of digits only is expected. Check the value.',
    'finding.detail.field.format.period':
      '"{column}" must have the form YYYYH1 or YYYYH2, for example 2017H2.',
    'finding.detail.field.date_invalid.format':
      '"{column}" is not a date in the form YYYYMMDD. Fill in 8 digits, for example 20170701.',
    'finding.detail.field.date_invalid.not_a_date':
      '"{column}" is not an existing calendar date. Fill in a real date in the form YYYYMMDD.',
    'finding.detail.field.date_invalid.before_min':
      '"{column}" lies before {minDate}; that cannot be right. Fill in the correct date in the form YYYYMMDD.',
    'finding.detail.field.date_format':
      '"{column}" is written as YYYY-MM-DD; the date was read as such. Use the form YYYYMMDD, for example 20170701.',
    'finding.detail.field.amount_invalid':
      '"{column}" is not an amount in euros. Fill in an amount with at most {integerDigits} digits before and {decimals} after the decimal comma, without a euro sign or thousands separator, for example 1234,56.',
    'finding.detail.field.amount_invalid.point':
      '"{column}" uses a point as the decimal separator; the amount was read as such. Use a comma, for example 1234,56.',
    'finding.detail.field.amount_invalid.negative':
      '"{column}" is negative. Costs should be 0 or more; check the amount.',
    'finding.detail.field.code_unknown':
      'The value of "{column}" is not in the code list ({list}). Allowed: {allowed}.',
    'finding.detail.field.code_unknown.unconfirmed':
      'The code of "{column}" is not confirmed for this period ({list}); the record is accepted. Check whether a code from {candidates} was meant.',
    'finding.detail.field.bsn_elfproef':
      'The BSN fails the eleven test (elfproef). Check the citizen service number.',
    'finding.detail.field.bsn_test':
      'The BSN is a test number (from the test range starting with 9999). Deliver real citizen service numbers only, no test data.',
    'finding.detail.field.mixed':
      '"{column}" differs from line {firstLine}, where it is {first}. Every record of a file should have the same "{column}"; use the same value everywhere.',
    'finding.detail.gemeente.mismatch':
      'Municipality code {gemeente} is not the delivering municipality {delivering}. Deliver only records of your own municipality.',
    'finding.detail.gemeente.mismatch.name':
      'The file name names municipality {gemeente}, but the delivering municipality is {delivering}. Deliver only files of municipality {delivering}.',
    'finding.detail.gemeente.unknown':
      'Municipality code {gemeente} does not exist in the municipal classification of {date} (period {period}). Use the 4-digit CBS municipality code in force on the last day of the period.',
    'finding.detail.gemeente.unknown.name':
      'Municipality code {gemeente} in the file name does not exist in the municipal classification of {date} (period {period}). Use the 4-digit CBS municipality code in force on the last day of the period.',
    'finding.detail.gemeente.mixed':
      'This record has municipality code {gemeente}, earlier records {first}. A file holds the records of one municipality; deliver a separate file per municipality.',
    'finding.detail.gemeente.predecessors':
      'Municipality {gemeente} delivers {period} for its whole area after the reorganisation of {sinceDate}: this file also covers {predecessors}.',
    'finding.detail.period.mismatch':
      'The period {period} differs from the delivered period {delivered}. Deliver a separate file per half year.',
    'finding.detail.period.mismatch.name':
      'The file name names period {period}, but period {delivered} is being delivered. Deliver a file for {delivered} or choose the right period.',
    'finding.detail.period.outside':
      'The support ({startDate} to {endDate}) does not fall in the period {period} ({firstDate} up to and including {lastDate}). Deliver only records whose support ran in the half year.',
    'finding.detail.period.outside.open':
      'The support ({startDate} to the present) does not fall in the period {period} ({firstDate} up to and including {lastDate}). Deliver only records whose support ran in the half year.',
    'finding.detail.date.order':
      '"{column}" ({endDate}) lies before the start date ({startDate}). An end date lies on or after the start date.',
    'finding.detail.date.order.not_before':
      '"{column}" ({date}) lies before "{other}" ({otherDate}). Check both dates: support usually does not start before the intended start.',
    'finding.detail.date.before_period':
      '"{column}" ({date}) lies before the start of the period {period} ({firstDate}). A file about a half year is made on or after its start; check the date.',
    'finding.detail.date.future':
      '"{column}" ({date}) lies after the creation date ({limitDate}). An actual date cannot lie in the future; check the date.',
    'finding.detail.date.future.today':
      '"{column}" ({date}) lies after today ({todayDate}). An actual date cannot lie in the future; check the date.',
    'finding.detail.record.duplicate_line':
      'This line is exactly the same as line {firstLine}. Every record may occur only once; remove the duplicate line.',
    'finding.detail.record.duplicate_key':
      'This line has the same key ({key}) as line {firstLine}. Every record should have a different combination; merge duplicate records or remove one.',
    'finding.detail.record.amount_ratio':
      '"{column}" ({amount}) and "{other}" ({otherAmount}) differ by more than a factor {factor}. Check that both amounts are right (whole euros or euros with cents, over the same half year).',
    'finding.detail.upload.duplicate_type_period':
      '"{file}" and "{other}" are both a {type} file for {period}. Deliver one file per kind and period.',
    'finding.detail.upload.mixed_gemeenten':
      'The delivery holds files of more than one municipality ({gemeenten}). Deliver the files of each municipality separately.',
    'finding.detail.upload.too_many_periods':
      'The delivery holds files for {count} periods ({periods}). Deliver the current half year and at most the half year before it.',
    'finding.detail.upload.code_without_records':
      '"{file}" names {field} {code}, but {others} ({type}, {period}) has no records with {otherField} {code}. Check the {field} in "{file}" or deliver the missing records.',
  },
});
