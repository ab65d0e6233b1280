import type { Metadata } from 'next';
import type { ReactNode } from 'react';

// No favicon to fetch (the browser asks for /favicon.ico otherwise).
export const metadata: Metadata = { title: 'seppmail.cloud services: Next.js', icons: { icon: 'data:,' } };

// No next/font/google: a build must not fetch anything (system fonts only).
export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body style={{ fontFamily: 'system-ui, sans-serif', margin: '1rem' }}>{children}</body>
    </html>
  );
}
