declare module 'virtual:provider-catalog' {
  const catalog: import('../build/provider-catalog').CatalogEntry[];
  export default catalog;
}
