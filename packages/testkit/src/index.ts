// Public surface of testkit. It is empty until the issue that builds this package lands;
// see README.md for what it will hold.
export {};
