/**
 * The demo data of Comptoir: a catalog of the group's legal entities, data domains and eleven
 * documented products ({@link io.comptoir.demo.DemoCatalog}), the deterministic generation of their
 * source files ({@link io.comptoir.demo.DemoFiles}) and their loading through the real ingestion
 * path ({@link io.comptoir.demo.DemoData}). Only the postcodes are real data (La Poste open data,
 * see SOURCE.md beside {@code laposte_hexasmal.csv}); everything else is fictitious, made with
 * DataFaker (French locale, seed 42) or DuckDB SQL, so that no environment needs real personal
 * data.
 */
package io.comptoir.demo;
