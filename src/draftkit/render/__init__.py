"""The only code that formats output: terminal (rich), text, markdown, HTML, JSON.

Document text never goes through a markup parser: rich gets `Text` objects,
HTML gets escaped text, markdown gets its specials escaped.
"""
