"""Creating a school and its profile form."""
