// incident and group pages: filled in below
