"""Front ends: turn platform payloads into service calls and render the replies."""
