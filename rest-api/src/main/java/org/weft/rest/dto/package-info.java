/**
 * The JSON shapes of the REST API: Jackson records read strictly (unknown fields, wrong types and
 * coerced scalars are errors) and written as-is. The core domain is never annotated; {@link
 * org.weft.rest.dto.FlowDtos} converts between the two.
 */
package org.weft.rest.dto;
