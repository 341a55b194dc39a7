"""What ships, rendered before it ships: inbox HTML, SMS and ad previews, copy deck and report exports."""
