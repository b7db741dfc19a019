"""Policy: the Content-Security-Policy and the markup every page must follow."""
