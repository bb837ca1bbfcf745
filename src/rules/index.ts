/**
 * The lint-rule registry: every lint rule, ordered by code (the order of `iptlint rules` and
 * of the docs). Codes are never reused; a retired rule leaves a comment here.
 */
import type { LintRule } from "./define.js";
import ruleShadowed from "./rule-shadowed.js";
import ruleRedundant from "./rule-redundant.js";
import chainUnused from "./chain-unused.js";
import dockerUserJumpMissing from "./docker-user-jump-missing.js";
import loopbackPublishReachable from "./loopback-publish-reachable.js";
import publishedOnAllInterfaces from "./published-on-all-interfaces.js";
import stalePortForward from "./stale-port-forward.js";
import masqueradeMissing from "./masquerade-missing.js";
import iccOpen from "./icc-open.js";
import internalNetworkNotIsolated from "./internal-network-not-isolated.js";
import userRuleInDockerChain from "./user-rule-in-docker-chain.js";
import dockerUserHostPort from "./docker-user-host-port.js";
import dockerUserBlocksReplies from "./docker-user-blocks-replies.js";
import swarmIngressBeforeDockerUser from "./swarm-ingress-before-docker-user.js";
import iptablesBackendMix from "./iptables-backend-mix.js";
import dockerChainsMissing from "./docker-chains-missing.js";
import notrackSkipsDockerNat from "./notrack-skips-docker-nat.js";
import dockerNftablesBackend from "./docker-nftables-backend.js";
import forwardDropBreaksOtherBridges from "./forward-drop-breaks-other-bridges.js";
import ipv6Parity from "./ipv6-parity.js";
import publishedPortBypassesAllowlist from "./published-port-bypasses-allowlist.js";
import directRoutingExposure from "./direct-routing-exposure.js";
import exposureNotInIntent from "./exposure-not-in-intent.js";
import dockerInspectNotInRules from "./docker-inspect-not-in-rules.js";

export const LINT_RULES: readonly LintRule[] = [ruleShadowed, ruleRedundant, chainUnused, dockerUserJumpMissing, publishedOnAllInterfaces, loopbackPublishReachable, stalePortForward, masqueradeMissing, iccOpen, internalNetworkNotIsolated, userRuleInDockerChain, dockerUserHostPort, dockerUserBlocksReplies, swarmIngressBeforeDockerUser, iptablesBackendMix, dockerChainsMissing, notrackSkipsDockerNat, dockerNftablesBackend, forwardDropBreaksOtherBridges, ipv6Parity, publishedPortBypassesAllowlist, directRoutingExposure, exposureNotInIntent, dockerInspectNotInRules];
