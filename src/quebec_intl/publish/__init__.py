"""Publishing: run the report notebooks, export each as a self-contained page, record it in the manifest, and
build the site index from the manifest."""
