-- One database per service; PostGIS where zones live.
CREATE DATABASE platform_catalogue;
CREATE DATABASE platform_labour;
CREATE DATABASE platform_zones;
CREATE DATABASE platform_reporting;
CREATE DATABASE platform_gateway;
\connect platform_zones
CREATE EXTENSION IF NOT EXISTS postgis;
