package org.weft.rest.dto;

/**
 * What a switch's flow pipeline can do for Weft.
 *
 * @param tables the tables the switch reports (FEATURES_REPLY n_tables)
 * @param policyStage whether Weft keeps its policy stage (ACLs, rate limits) before forwarding on
 *     it: OpenFlow 1.3 with 2 tables or more; without it, ACLs and rate limits answer 409
 */
public record PipelineDto(int tables, boolean policyStage) {}
