-- What an anonymous caller of Sunlight sees of the rows the side-by-side benchmark reads, as
-- views for PostGraphile: published PUBLIC records whose time has come, their PUBLIC fields,
-- and the parts of records so seen. The smart tags give the views the keys PostGraphile needs.
DROP SCHEMA IF EXISTS sunlight_public CASCADE;
CREATE SCHEMA sunlight_public;

CREATE VIEW sunlight_public.organizations AS
  SELECT id, name FROM public.organizations
  WHERE status = 'PUBLISHED' AND scope = 'PUBLIC' AND publish_at IS NOT NULL AND publish_at <= now();

CREATE VIEW sunlight_public.procedures AS
  SELECT id, name FROM public.procedures
  WHERE status = 'PUBLISHED' AND scope = 'PUBLIC' AND publish_at IS NOT NULL AND publish_at <= now();

CREATE VIEW sunlight_public.procedure_steps AS
  SELECT s.id, s.procedure_id, s.position, s.name FROM public.procedure_steps s
  WHERE s.procedure_id IN (SELECT id FROM sunlight_public.procedures);

CREATE VIEW sunlight_public.powers AS
  SELECT id, code, name, holder_org_id, procedure_id FROM public.powers
  WHERE status = 'PUBLISHED' AND scope = 'PUBLIC' AND publish_at IS NOT NULL AND publish_at <= now();

CREATE VIEW sunlight_public.meetings AS
  SELECT id, label, starts_at FROM public.meetings
  WHERE status = 'PUBLISHED' AND scope = 'PUBLIC' AND publish_at IS NOT NULL AND publish_at <= now();

CREATE VIEW sunlight_public.decisions AS
  SELECT id, meeting_id, title FROM public.decisions
  WHERE status = 'PUBLISHED' AND scope = 'PUBLIC' AND publish_at IS NOT NULL AND publish_at <= now();

COMMENT ON VIEW sunlight_public.organizations IS E'@primaryKey id';
COMMENT ON VIEW sunlight_public.procedures IS E'@primaryKey id';
COMMENT ON VIEW sunlight_public.procedure_steps IS
  E'@primaryKey id\n@foreignKey (procedure_id) references sunlight_public.procedures (id)';
COMMENT ON VIEW sunlight_public.powers IS
  E'@primaryKey id\n@foreignKey (holder_org_id) references sunlight_public.organizations (id)\n@foreignKey (procedure_id) references sunlight_public.procedures (id)';
COMMENT ON VIEW sunlight_public.meetings IS E'@primaryKey id';
COMMENT ON VIEW sunlight_public.decisions IS
  E'@primaryKey id\n@foreignKey (meeting_id) references sunlight_public.meetings (id)';

-- PostGraphile connects as this role, which reads the views and nothing else.
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'sunlight_anonymous') THEN
    CREATE ROLE sunlight_anonymous LOGIN;
  END IF;
END $$;
GRANT USAGE ON SCHEMA sunlight_public TO sunlight_anonymous;
GRANT SELECT ON ALL TABLES IN SCHEMA sunlight_public TO sunlight_anonymous;
