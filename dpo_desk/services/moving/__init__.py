"""Moving schools between the local file and a server database."""
