/** The database walls between tenants: transaction managers that set the tenant, Hibernate's resolver, provisioning. */
@NullMarked
package com.radrelay.tenancy.db;

import org.jspecify.annotations.NullMarked;
