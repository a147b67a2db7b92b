"""Small widgets shared by several tabs and screens."""
