"""The foundation every other layer stands on: errors, settings, Codification codes and reference data.

Standard library only. Nothing here imports another part of asckg.
"""
