-- The gemeentecode a judged data file is about (issue 18, docs/decisions/0028-merged-gemeenten.md). A
-- gemeente formed by a merger may deliver a half year from before its formation with one file per
-- predecessor (each named with the predecessor's code), so "in force" is per delivering gemeente,
-- file type, half year and the code the file is about, and the monitor shows those files under the
-- predecessor. Null only for a file whose code could not be read (it is rejected then).
alter table delivery_report_files add column gemeentecode text check (gemeentecode ~ '^[0-9]{4}$');

update delivery_report_files rf
   set gemeentecode = f.code
  from (select d.id as delivery_id, e ->> 'name' as name, e ->> 'gemeentecode' as code
          from deliveries d, json_array_elements(d.report -> 'files') e
         where d.report is not null) f
 where f.delivery_id = rf.delivery_id and f.name = rf.name and f.code ~ '^[0-9]{4}$';
