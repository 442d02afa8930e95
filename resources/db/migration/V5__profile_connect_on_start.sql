-- Whether the workbench connects this profile when it starts. It belongs to the profile (it used to be a list of
-- profile names in the workbench's settings file, which the workbench moves here once).
ALTER TABLE profile ADD COLUMN connect_on_start BOOLEAN DEFAULT FALSE NOT NULL;
