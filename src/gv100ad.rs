//! Reader for the Destatis Gemeindeverzeichnis GV100AD (being written).
