import type { NextConfig } from 'next';

const config: NextConfig = {
  // Nothing needs the network at build time (no next/font/google, no remote images), so there is
  // nothing to configure for that; this only keeps the framework's name out of the answers.
  poweredByHeader: false,
};

export default config;
