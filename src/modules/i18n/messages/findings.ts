// What each finding code of the technical report means, per language. The report itself carries a
// precise Dutch message per finding (the public contract); in English the portal shows these texts
// with the column. findings.test.ts checks that every code of the engine has its text here.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'finding.file.unreadable': 'Het bestand is geen leesbaar tekstbestand.',
    'finding.file.empty': 'Het bestand bevat geen records.',
    'finding.file.encoding': 'Het bestand is niet in UTF-8; het is gelezen als Windows-1252.',
    'finding.file.type_unknown': 'Naam noch kopregel vertelt welk bestandstype dit is.',
    'finding.file.name_pattern': 'De bestandsnaam volgt de naamgevingsregel niet.',
    'finding.file.name_content_mismatch': 'Naam en inhoud verschillen in type, gemeente of periode.',
    'finding.zip.invalid': 'Het ZIP-bestand is beschadigd of kan niet worden geopend.',
    'finding.zip.unsafe': 'Het ZIP-bestand bevat een onveilig of niet toegestaan item.',
    'finding.zip.ignored_entry': 'Een item in het ZIP-bestand is geen gegevensbestand en is overgeslagen.',
    'finding.header.missing_column': 'Een verplichte kolom ontbreekt in de kopregel.',
    'finding.header.unknown_column': 'De kopregel bevat een onbekende kolom.',
    'finding.row.column_count': 'Deze regel heeft meer of minder velden dan de kopregel.',
    'finding.field.required': 'Een verplicht veld is leeg.',
    'finding.field.format': 'Het veld heeft verkeerde tekens of een verkeerde lengte.',
    'finding.field.date_invalid': 'Het veld is geen geldige datum in het verwachte formaat.',
    'finding.field.amount_invalid': 'Het veld is geen geldig bedrag in euro.',
    'finding.field.code_unknown': 'De waarde staat niet in de codelijst.',
    'finding.field.bsn_elfproef': 'Het BSN voldoet niet aan de elfproef.',
    'finding.gemeente.unknown': 'De gemeentecode is geen gemeente op de peildatum.',
    'finding.gemeente.predecessors':
      'De gemeente levert over een halfjaar van voor haar herindeling voor haar hele gebied; het bestand dekt ook de genoemde voorgangers.',
    'finding.gemeente.mismatch': 'De gemeentecode is niet die van de aanleverende gemeente.',
    'finding.gemeente.mixed': 'Het bestand bevat records van meer dan één gemeente.',
    'finding.period.mismatch': 'De datum valt buiten het aangeleverde halfjaar.',
    'finding.period.outside': 'Het halfjaar valt buiten wat de specificatie dekt.',
    'finding.date.order': 'Een einddatum ligt vóór de begindatum.',
    'finding.date.future': 'Een datum ligt in de toekomst.',
    'finding.record.duplicate_line': 'Deze regel komt precies zo al eerder voor.',
    'finding.record.duplicate_key': 'Een record met dezelfde sleutel komt al eerder voor.',
    'finding.upload.duplicate_type_period': 'Twee bestanden voor hetzelfde type en halfjaar.',
    'finding.upload.mixed_gemeenten': 'De bestanden in deze aanlevering zijn van verschillende gemeenten.',
    'finding.upload.too_many_periods': 'De aanlevering bevat meer halfjaren dan toegestaan.',
    'finding.field.mixed': 'Het veld heeft binnen één bestand verschillende waarden waar één waarde hoort.',
    'finding.upload.code_without_records':
      'Een code komt voor zonder de bijbehorende records in een ander bestand van de aanlevering.',
    'finding.field.bsn_test': 'Het BSN is een testnummer; lever alleen echte burgerservicenummers aan.',
    'finding.file.delimiter':
      'Het bestand gebruikt een ander scheidingsteken (komma of tab) dan de puntkomma; de records zijn niet gecontroleerd.',
    'finding.date.before_period': 'Een datum ligt vóór het begin van het aangeleverde halfjaar.',
    'finding.field.date_format': 'De datum staat in de vorm JJJJ-MM-DD in plaats van JJJJMMDD; zo gelezen.',
    'finding.record.amount_ratio':
      'Begrote en gerealiseerde kosten verschillen meer dan de toegestane factor.',
    'finding.file.already_delivered':
      'Dit bestand is al eerder aangeleverd voor deze gemeente en dit halfjaar, en is goedgekeurd of wordt nog gecontroleerd; het telt niet opnieuw mee.',
    'finding.file.area_overlap':
      'Voor dit type en halfjaar is al een bestand van de andere soort van kracht (voor het hele gebied van de gemeente, of voor een voorganger; ontvangstbewijs in de waarde). Lever óf één bestand voor het hele gebied óf één per voorganger aan, niet beide; dit bestand telt niet mee.',
  },
  en: {
    'finding.file.unreadable': 'The file is not a readable text file.',
    'finding.file.empty': 'The file contains no records.',
    'finding.file.encoding': 'The file is not UTF-8; it was read as Windows-1252.',
    'finding.file.type_unknown': 'Neither the name nor the header tells which file type this is.',
    'finding.file.name_pattern': 'The file name does not follow the naming convention.',
    'finding.file.name_content_mismatch': 'Name and content disagree on type, municipality or period.',
    'finding.zip.invalid': 'The ZIP file is damaged or cannot be opened.',
    'finding.zip.unsafe': 'The ZIP file contains an unsafe or disallowed entry.',
    'finding.zip.ignored_entry': 'An entry in the ZIP file is not a data file and was skipped.',
    'finding.header.missing_column': 'A mandatory column is missing from the header.',
    'finding.header.unknown_column': 'The header contains an unknown column.',
    'finding.row.column_count': 'This line has more or fewer fields than the header.',
    'finding.field.required': 'A mandatory field is empty.',
    'finding.field.format': 'The field has wrong characters or a wrong length.',
    'finding.field.date_invalid': 'The field is not a valid date in the expected format.',
    'finding.field.amount_invalid': 'The field is not a valid amount in euros.',
    'finding.field.code_unknown': 'The value is not in the code list.',
    'finding.field.bsn_elfproef': 'The BSN fails the eleven test (elfproef).',
    'finding.gemeente.unknown': 'The municipality code is not a municipality on the reference date.',
    'finding.gemeente.predecessors':
      'The municipality delivers a half year before its reorganisation for its whole area; the file also covers the predecessors named.',
    'finding.gemeente.mismatch': 'The municipality code is not that of the delivering municipality.',
    'finding.gemeente.mixed': 'The file contains records of more than one municipality.',
    'finding.period.mismatch': 'The date falls outside the delivered half year.',
    'finding.period.outside': 'The half year is outside what the specification covers.',
    'finding.date.order': 'An end date lies before the start date.',
    'finding.date.future': 'A date lies in the future.',
    'finding.record.duplicate_line': 'This exact line occurs earlier in the file.',
    'finding.record.duplicate_key': 'A record with the same key occurs earlier.',
    'finding.upload.duplicate_type_period': 'Two files for the same type and half year.',
    'finding.upload.mixed_gemeenten': 'The files in this delivery are of different municipalities.',
    'finding.upload.too_many_periods': 'The delivery contains more half years than allowed.',
    'finding.field.mixed': 'The field has different values within one file where one value belongs.',
    'finding.upload.code_without_records':
      'A code occurs without the matching records in another file of the delivery.',
    'finding.field.bsn_test': 'The BSN is a test number; deliver real citizen service numbers only.',
    'finding.file.delimiter':
      'The file uses another separator (comma or tab) than the semicolon; the records were not checked.',
    'finding.date.before_period': 'A date lies before the start of the delivered half year.',
    'finding.field.date_format': 'The date is written as YYYY-MM-DD instead of YYYYMMDD; read as such.',
    'finding.record.amount_ratio': 'Budgeted and realised costs differ by more than the allowed factor.',
    'finding.file.already_delivered':
      'This file was delivered before for this municipality and half year and is approved or still being checked; it does not count again.',
    'finding.file.area_overlap':
      'A file of the other kind is already in force for this type and half year (for the municipality’s whole area, or for one of its predecessors; its receipt is the value). Deliver either one file for the whole area or one per predecessor, not both; this file does not count.',
  },
});
