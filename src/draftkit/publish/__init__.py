"""`draftkit publish`: the negotiation as a static website, one module per page kind.

Pure functions from the store's values (`sources.Publication`, gathered by
`Drafts.publication`) to pages: `site` returns every file of the site as
site path → text, and the store writes them as one (`store.files.write_tree`).
"""
