-- Who has ever signed in on a device (ended sessions included): the people whose offline
-- work a push from that computer may carry (server/src/sync/access.ts deviceUsers). Without
-- this index the lookup scans every session.
CREATE INDEX sessions_device_user_idx ON sessions (device_id, user_id);
