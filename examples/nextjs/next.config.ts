import type { NextConfig } from 'next';

const config: NextConfig = {
  // The page needs nothing from the network at build time: no fonts, no remote images.
  poweredByHeader: false,
};

export default config;
