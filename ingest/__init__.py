"""Ingest orchestration: files in, letters extracted in worker processes, graphs written, letters linked."""
