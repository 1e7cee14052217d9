// Which SQL engine a store runs on: the few places where SQLite and PostgreSQL differ ask this.

export type Dialect = 'sqlite' | 'postgres';
