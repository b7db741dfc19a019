"""Rendering: the templates, the Markdown pages they make, the site around them, the HTML touches."""
