"""EDGAR over HTTP: listing comment letters from its indexes and downloading their submissions.

:mod:`~asckg.edgar.indexes` parses EDGAR's index files and submissions JSON (pure, standard library);
:mod:`~asckg.edgar.client` is the one polite HTTP client (declared User-Agent, a rate limit, gzip,
retries, downloads written under a temporary name and renamed when whole); :mod:`~asckg.edgar.state`
remembers which index periods are complete; :mod:`~asckg.edgar.fetch` puts them together.
"""
