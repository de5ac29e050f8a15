"""Robustness tests: hostile and broken input, on real files generated in tmp_path (a package, so basenames may repeat tests/)."""
