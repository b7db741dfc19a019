"""Assets: the scripts bundled, the built CSS and JavaScript minified, the theme's unused CSS."""
