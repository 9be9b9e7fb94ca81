"""The Codification reference tables (CSV, each row with its evidence; see README.md here)."""
