import { describe } from "vitest";
import { itDecides } from "../helpers.js";

// Default packet: TCP 40000 -> 80.
describe("multiport (xt_multiport.c ports_match_v1: ! inverts the whole list)", () => {
  itDecides([
    ["-p tcp -m multiport --dports 22,80,443", {}, true],
    ["-p tcp -m multiport --dports 22,443", {}, false],
    ["-p tcp -m multiport --dports 70:90", {}, true],
    ["-p tcp -m multiport --dports 22,8000:8080", {}, false],
    ["-p tcp -m multiport --dports ssh,http", {}, true],
    ["-p tcp -m multiport ! --dports 22,80", {}, false],
    ["-p tcp -m multiport ! --dports 22,443", {}, true],
    ["-p tcp -m multiport --sports 40000,40001", {}, true],
    ["-p tcp -m multiport --sports 80", {}, false],
    ["-p tcp -m multiport --ports 80", {}, true], // either port
    ["-p tcp -m multiport --ports 40000", {}, true],
    ["-p tcp -m multiport --ports 22", {}, false],
    ["-p tcp -m multiport ! --ports 40000", {}, false], // neither port may be listed
    ["-p tcp -m multiport ! --ports 22", {}, true],
    ["-p tcp -m multiport --ports 80", { sport: undefined }, true],
    ["-p tcp -m multiport --ports 22", { sport: undefined }, "unknown"],
    ["-p tcp -m multiport ! --dports 22", { dport: undefined }, "unknown"],
    ["-p tcp -m multiport ! --dports 22", { fragment: true }, false],
    ["-p udp -m multiport --dports 53,123", { proto: 17, dport: 123 }, true],
  ]);
});
