"""Word files: native tracked changes and comments out, delegations' edits back in.

Only the standard library (zipfile, xml.etree, expat): the package is small,
its XML is written in one place, and reading needs the revision marks that
python-docx's paragraph text drops. Import it only where a .docx is needed.
"""
