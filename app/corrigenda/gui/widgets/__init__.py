"""Small widgets and models the other packages share."""
