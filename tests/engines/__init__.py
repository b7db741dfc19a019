"""Tests in WebKit and Firefox, beside the Chromium tests in tests/ (marker: engines)."""
