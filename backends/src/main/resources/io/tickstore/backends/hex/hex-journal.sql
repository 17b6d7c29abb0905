-- The multi-resolution hex journal: four tiers of one geographic world, every table scoped by session (game_id).
--
--   territory_snapshot  county level, every persisted tick in full   (~3,100 rows a tick)       PK (game_id, tick, county_fips)
--   hex_activity        map hexes, sparse: rows touched in the tick   (~5,000 rows a tick)       PK (game_id, tick, h3_index)
--   hex_map             map hexes, once per session                   (~220,000 rows)            PK (game_id, h3_index)
--   hex_substrate       children of the map hexes, once per session   (~1.5 million rows)        PK (game_id, h3_index)
--   hex_latest          map hexes, current state keyed by hex         (~220,000 rows)            a view: hex_latest_county
--                                                                                                  (territory at hex_latest_tick)
--                                                                                                  and hex_latest_cell
--
-- h3_index keeps the reference design's text form (15 lower-case hex digits, varchar(16)) so that its users' queries
-- and joins by cell text keep working; the cell's 64-bit value is h3_cell_of(h3_index) when a query wants the number.
-- Every statement is idempotent: installing twice changes nothing.

-- In public, never in the journal's schema (the first of the search path): an extension created there would go with
-- that schema when it is dropped (a test's, a benchmark's), and every other schema's geometry columns would lose their type.
CREATE EXTENSION IF NOT EXISTS postgis SCHEMA public;

-- The ValueTensor4x3 of a county: four classes (b bourgeoisie, pb petty bourgeoisie, p proletariat, l lumpen) by
-- three parts of value (c constant capital, v variable capital, s surplus value), one column per cell.
CREATE TABLE IF NOT EXISTS territory_snapshot (
    game_id             uuid        NOT NULL,
    tick                integer     NOT NULL CHECK (tick >= 0),
    county_fips         varchar(5)  NOT NULL,
    state_fips          varchar(2)  NOT NULL,
    county_name         varchar(64) NOT NULL,
    pop_total           bigint      NOT NULL CHECK (pop_total >= 0),
    mobilizable_pop     bigint      NOT NULL CHECK (mobilizable_pop >= 0),
    profit_rate         real        NOT NULL,
    exploitation_rate   real        NOT NULL,
    occ                 real        NOT NULL,
    imperial_rent       real        NOT NULL,
    wage_rate           real        NOT NULL,
    unemployment        real        NOT NULL CHECK (unemployment BETWEEN 0 AND 1),
    dominant_class      varchar(16) NOT NULL,
    class_b             real        NOT NULL CHECK (class_b BETWEEN 0 AND 1),
    class_pb            real        NOT NULL CHECK (class_pb BETWEEN 0 AND 1),
    class_p             real        NOT NULL CHECK (class_p BETWEEN 0 AND 1),
    class_l             real        NOT NULL CHECK (class_l BETWEEN 0 AND 1),
    vt_b_c real NOT NULL, vt_b_v real NOT NULL, vt_b_s real NOT NULL,
    vt_pb_c real NOT NULL, vt_pb_v real NOT NULL, vt_pb_s real NOT NULL,
    vt_p_c real NOT NULL, vt_p_v real NOT NULL, vt_p_s real NOT NULL,
    vt_l_c real NOT NULL, vt_l_v real NOT NULL, vt_l_s real NOT NULL,
    attributes          jsonb       NOT NULL DEFAULT '{}'::jsonb,
    PRIMARY KEY (game_id, tick, county_fips)
);

CREATE TABLE IF NOT EXISTS hex_activity (
    game_id             uuid        NOT NULL,
    tick                integer     NOT NULL CHECK (tick >= 0),
    h3_index            varchar(16) NOT NULL,
    heat                real        NOT NULL CHECK (heat >= 0),
    heat_delta          real        NOT NULL,
    org_count           smallint    NOT NULL CHECK (org_count >= 0),
    org_ids             varchar(64)[] NOT NULL DEFAULT '{}',
    org_presence        real        NOT NULL CHECK (org_presence BETWEEN 0 AND 1),
    actions_taken       smallint    NOT NULL CHECK (actions_taken >= 0),
    response_mode       varchar(16) NOT NULL,
    PRIMARY KEY (game_id, tick, h3_index)
);
-- reconstruct looks up, for each hex, its latest activity at or before a tick; the index carries the activity's
-- columns so that the lookup reads the index only (220,100 lookups: 1.3 s instead of 3.8 s measured with heap fetches)
DROP INDEX IF EXISTS hex_activity_hex_tick;
CREATE INDEX IF NOT EXISTS hex_activity_latest ON hex_activity (game_id, h3_index, tick DESC)
    INCLUDE (heat, heat_delta, org_count, org_presence, actions_taken, response_mode);

CREATE TABLE IF NOT EXISTS hex_map (
    game_id             uuid        NOT NULL,
    h3_index            varchar(16) NOT NULL,
    resolution          smallint    NOT NULL CHECK (resolution BETWEEN 0 AND 15),
    county_fips         varchar(5)  NOT NULL,
    state_fips          varchar(2)  NOT NULL,
    center_lat          double precision NOT NULL CHECK (center_lat BETWEEN -90 AND 90),
    center_lng          double precision NOT NULL CHECK (center_lng BETWEEN -180 AND 180),
    area_km2            real        NOT NULL CHECK (area_km2 > 0),
    geom                geometry(Polygon, 4326) NOT NULL,
    PRIMARY KEY (game_id, h3_index)
);
CREATE INDEX IF NOT EXISTS hex_map_county ON hex_map (game_id, county_fips);
CREATE INDEX IF NOT EXISTS hex_map_geom ON hex_map USING gist (geom);

CREATE TABLE IF NOT EXISTS hex_substrate (
    game_id             uuid        NOT NULL,
    h3_index            varchar(16) NOT NULL,
    parent_h3           varchar(16) NOT NULL,
    terrain_type        varchar(16) NOT NULL,
    elevation_m         real        NOT NULL,
    water_coverage      real        NOT NULL CHECK (water_coverage BETWEEN 0 AND 1),
    forest_cover        real        NOT NULL CHECK (forest_cover BETWEEN 0 AND 1),
    road_density        real        NOT NULL CHECK (road_density >= 0),
    population_density  real        NOT NULL CHECK (population_density >= 0),
    internet_access     real        NOT NULL CHECK (internet_access BETWEEN 0 AND 1),
    broadband           boolean     NOT NULL,
    surveillance        real        NOT NULL CHECK (surveillance BETWEEN 0 AND 1),
    urban               boolean     NOT NULL,
    infrastructure_quality real     NOT NULL CHECK (infrastructure_quality BETWEEN 0 AND 1),
    PRIMARY KEY (game_id, h3_index)
);
CREATE INDEX IF NOT EXISTS hex_substrate_parent ON hex_substrate (game_id, parent_h3);

-- The current state of every map hex, hex_latest, is the seed's 45 columns as a view over two current-state tables:
-- the county's economics once per county (hex_latest_county, ~3,100 rows) and the hex's own state once per hex
-- (hex_latest_cell: its latest activity overlaid, its substrate rolled up). Broadcasting each county's row into the
-- ~71 rows of its hexes rewrote ~220,000 wide rows every tick (1.5 to 5.6 s measured on PostgreSQL 15, HOT updates
-- or not); updating 3,100 county rows is the same information at a seventieth of the writes. A client reads
-- hex_latest by (game_id, h3_index) as before: two primary-key probes.
-- hex_latest was a table in the first layout; being a cache that HexCache.seed rebuilds, it is dropped for the view.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(quote_ident(current_schema()) || '.hex_latest') AND relkind = 'r') THEN
        DROP TABLE hex_latest CASCADE;
    END IF;
END
$$;

-- The county half of the current state is territory_snapshot at the tick the cache is at: the territory journal holds
-- every county at every persisted tick, so hex_latest_county is a view of the journal at the tick hex_latest_tick
-- names, and the refresh's broadcast moves that one row instead of rewriting 3,100 county rows a tick (their 640 kB
-- of WAL and 20-40 ms measured). counties are the counties of tick 0's territory, sorted, which every later tick's
-- territory must hold: kept here, the check reads one row, where reading them from the journal at tick 0 took a scan
-- of all its ticks whenever the statistics were older than the session (the planner then takes tick 0 for the whole
-- table). hex_latest_county was a table of copied rows in an earlier layout; being a cache that
-- HexCache.seed rebuilds, it is dropped for the view.
CREATE TABLE IF NOT EXISTS hex_latest_tick (
    game_id             uuid        PRIMARY KEY,
    tick                integer     NOT NULL CHECK (tick >= 0),
    counties            varchar(5)[] NOT NULL
);
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_class WHERE oid = to_regclass(quote_ident(current_schema()) || '.hex_latest_county') AND relkind = 'r') THEN
        DROP TABLE hex_latest_county CASCADE;
    END IF;
END
$$;

-- factions derive from the classes: left = p + l, center = pb, right = b.
CREATE OR REPLACE VIEW hex_latest_county AS
    SELECT t.game_id, t.county_fips, t.tick,
           t.pop_total, t.mobilizable_pop, t.profit_rate, t.exploitation_rate, t.occ, t.imperial_rent, t.wage_rate,
           t.dominant_class, t.class_b, t.class_pb, t.class_p, t.class_l,
           t.vt_b_c, t.vt_b_v, t.vt_b_s, t.vt_pb_c, t.vt_pb_v, t.vt_pb_s, t.vt_p_c, t.vt_p_v, t.vt_p_s,
           t.vt_l_c, t.vt_l_v, t.vt_l_s,
           t.class_p + t.class_l AS faction_left, t.class_pb AS faction_center, t.class_b AS faction_right
    FROM hex_latest_tick k
    JOIN territory_snapshot t ON t.game_id = k.game_id AND t.tick = k.tick;

-- activity_tick is the tick of the activity the hex shows (NULL: none yet). The table leaves 30 percent of each page
-- free: the overlay's updates change no indexed column (the key and county_fips are indexed, the activity is not), so
-- each stays on its page (a HOT update, no index write; every update of a 21-tick session was HOT when measured).
CREATE TABLE IF NOT EXISTS hex_latest_cell (
    game_id             uuid        NOT NULL,
    h3_index            varchar(16) NOT NULL,
    county_fips         varchar(5)  NOT NULL,
    state_fips          varchar(2)  NOT NULL,
    activity_tick       integer,
    heat                real        NOT NULL DEFAULT 0,
    heat_delta          real        NOT NULL DEFAULT 0,
    org_count           smallint    NOT NULL DEFAULT 0,
    org_presence        real        NOT NULL DEFAULT 0,
    actions_taken       smallint    NOT NULL DEFAULT 0,
    response_mode       varchar(16) NOT NULL DEFAULT 'none',
    terrain_type        varchar(16) NOT NULL,
    water_coverage      real        NOT NULL,
    internet_access     real        NOT NULL,
    broadband           boolean     NOT NULL,
    surveillance        real        NOT NULL,
    urban               boolean     NOT NULL,
    PRIMARY KEY (game_id, h3_index)
) WITH (fillfactor = 70);
CREATE INDEX IF NOT EXISTS hex_latest_cell_county ON hex_latest_cell (game_id, county_fips);

CREATE OR REPLACE VIEW hex_latest AS
    SELECT c.game_id, c.h3_index, c.county_fips, c.state_fips, k.tick,
           k.pop_total, k.mobilizable_pop, k.profit_rate, k.exploitation_rate, k.occ, k.imperial_rent, k.wage_rate,
           k.dominant_class, k.class_b, k.class_pb, k.class_p, k.class_l,
           k.vt_b_c, k.vt_b_v, k.vt_b_s, k.vt_pb_c, k.vt_pb_v, k.vt_pb_s, k.vt_p_c, k.vt_p_v, k.vt_p_s,
           k.vt_l_c, k.vt_l_v, k.vt_l_s,
           c.activity_tick, c.heat, c.heat_delta, c.org_count, c.org_presence, c.actions_taken, c.response_mode,
           c.terrain_type, c.water_coverage, c.internet_access, c.broadband, c.surveillance, c.urban,
           k.faction_left, k.faction_center, k.faction_right
    FROM hex_latest_cell c
    JOIN hex_latest_county k ON k.game_id = c.game_id AND k.county_fips = c.county_fips;

-- The 64-bit value of a cell from its text form, for queries that want the number (h3-java's, PostGIS h3's).
CREATE OR REPLACE FUNCTION h3_cell_of(h3_index varchar) RETURNS bigint
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
    AS $$ SELECT ('x' || lpad(h3_index, 16, '0'))::bit(64)::bigint $$;
