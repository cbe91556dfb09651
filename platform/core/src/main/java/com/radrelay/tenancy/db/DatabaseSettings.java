package com.radrelay.tenancy.db;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the database is prepared. With {@code provision} (local and embedded databases), the migration user
 * creates the application's database and its login role; in production both come from infrastructure code.
 * {@code recreate} drops the database first, once per JVM: tests start from an empty schema.
 */
@ConfigurationProperties("radrelay.database")
record DatabaseSettings(@DefaultValue("false") boolean provision, @DefaultValue("false") boolean recreate) {
}
