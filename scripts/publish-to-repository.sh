#!/usr/bin/env bash
# Publishes a built public site to another git repository's gh-pages branch, as one commit replacing
# the last: the two-repository setup (README, "Publishing"), where the content repository stays
# private (it holds internal and embargoed items) and only the built, leak-scanned site is public.
# Usage: scripts/publish-to-repository.sh SITE_DIR GIT_URL [BRANCH]
# DEPLOY_KEY, when set, is the private SSH key allowed to push to GIT_URL (a deploy key with write access).
set -euo pipefail
site=$1 url=$2 branch=${3:-gh-pages}
[ -f "$site/index.html" ] || { echo "no built site in $site: run make build first" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
if [ -n "${DEPLOY_KEY:-}" ]; then
  printf '%s\n' "$DEPLOY_KEY" > "$work/key"
  chmod 600 "$work/key"
  export GIT_SSH_COMMAND="ssh -i $work/key -o IdentitiesOnly=yes -o StrictHostKeyChecking=accept-new"
fi
cp -a "$site/." "$work/tree"
touch "$work/tree/.nojekyll"   # serve the files as built (folders such as _static are not Jekyll's)
git -C "$work/tree" init -q -b "$branch"
git -C "$work/tree" add -A
git -C "$work/tree" -c user.name="portal" -c user.email="portal@localhost" commit -q -m "Public site built at $(date -u +%Y-%m-%dT%H:%M:%SZ)"
git -C "$work/tree" push -q --force "$url" "$branch"
echo "published $(git -C "$work/tree" ls-files | wc -l) files to $url ($branch)"
