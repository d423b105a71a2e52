-- Who may ask for a product: the group (default, no row) or only its own entity.
CREATE TABLE product_sharing (
  product_id VARCHAR(63) NOT NULL PRIMARY KEY,
  sharing_scope VARCHAR(16) NOT NULL
);
