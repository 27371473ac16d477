"""Input: the article model, and loading articles from files, standard input, URLs, HTML and
records, then cleaning their text. HTML (trafilatura) and URLs (httpx) load their libraries
only when such an input arrives."""
