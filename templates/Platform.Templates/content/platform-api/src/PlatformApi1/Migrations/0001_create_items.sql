-- Applied once, in file-name order, by `dotnet PlatformApi1.dll migrate` (docs/patterns.md). Never edit an applied
-- script: add 0002_….sql.
CREATE TABLE items (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL
);
