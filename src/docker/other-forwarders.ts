/**
 * Interfaces other software forwards through (virtualisation bridges, overlays, VPN tunnels):
 * forward-drop-breaks-other-bridges looks for them, and the external-interface guess skips
 * them (a tunnel is not where the internet comes in).
 */
/** Name prefixes of interfaces other software forwards through, and what they are. */
export const OTHER_FORWARDERS: readonly (readonly [RegExp, string])[] = [
  [/^virbr/, "libvirt bridge"],
  [/^lxdbr/, "LXD bridge"],
  [/^lxcbr/, "LXC bridge"],
  [/^incusbr/, "Incus bridge"],
  [/^podman/, "Podman bridge"],
  [/^vmbr/, "Proxmox bridge"],
  [/^br\d+$/, "bridge"],
  [/^cni/, "CNI bridge"],
  [/^flannel\./, "flannel VXLAN interface"],
  [/^cali/, "Calico interface"],
  [/^tailscale/, "Tailscale tunnel"],
  [/^wg/, "WireGuard tunnel"],
  [/^zt/, "ZeroTier interface"],
  [/^tun\d*/, "tunnel"],
];

export function kindOf(name: string): string | undefined {
  const bare = name.replace(/\+$/, "");
  return OTHER_FORWARDERS.find(([re]) => re.test(bare))?.[1];
}

