"""Bundles for analysts: CSV, codebook, GraphML, pictures. Never imports Qt."""
