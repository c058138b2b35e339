"""The pipeline on Apache Spark (job, dedup) and the loader of its Parquet output (tables, load)."""
