// Minimal Hardhat config for the companion e2e: an in-process dev chain (chain id 31337, automine,
// 20 pre-funded accounts). No Solidity compilation, no network access.
module.exports = {
  networks: { hardhat: { chainId: 31337, mining: { auto: true } } },
  paths: { cache: '../../../../test-results/hardhat-cache', artifacts: '../../../../test-results/hardhat-artifacts' },
};
