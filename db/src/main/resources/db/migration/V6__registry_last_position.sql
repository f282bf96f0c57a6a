-- The live registry's rows written after a log position: a rebuild compares the whole table without a lock, then
-- under the lock only the rows changed since, found here, so the lock lasts as long as those rows take, not the table.
-- Also serves MAX(last_position), the registry's position an operator reads.
CREATE INDEX connection_registry_last_position ON connection_registry (last_position);
