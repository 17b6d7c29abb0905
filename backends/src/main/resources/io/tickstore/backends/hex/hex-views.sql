-- The five composition views: projections of hex_latest for the layers of a map, no joins. Each keeps the keys a
-- client filters or joins by (game_id, h3_index, county_fips) and the tick the row shows.

CREATE OR REPLACE VIEW v_hex_economic AS
    SELECT game_id, h3_index, county_fips, tick, profit_rate, exploitation_rate, occ, imperial_rent, pop_total, heat
    FROM hex_latest;

CREATE OR REPLACE VIEW v_hex_mobilize AS
    SELECT game_id, h3_index, county_fips, tick, mobilizable_pop, org_presence, heat AS hex_heat, dominant_class
    FROM hex_latest;

CREATE OR REPLACE VIEW v_hex_heat AS
    SELECT game_id, h3_index, county_fips, tick, heat, heat_delta, org_count
    FROM hex_latest
    WHERE heat > 0;

CREATE OR REPLACE VIEW v_hex_aid AS
    SELECT game_id, h3_index, county_fips, tick, internet_access, terrain_type, water_coverage
    FROM hex_latest;

CREATE OR REPLACE VIEW v_hex_intel AS
    SELECT game_id, h3_index, county_fips, tick, faction_left, faction_center, faction_right, dominant_class,
           org_count, actions_taken
    FROM hex_latest;
