"""HTTP pages and endpoints served by `ospite serve`."""
