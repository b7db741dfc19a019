"""The content: its model, loading it, checking it, and where in a file each thing is."""
